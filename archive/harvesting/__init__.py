"""OAI-PMH 2.0: the archive as a data provider that library catalogues and
aggregators harvest (https://www.openarchives.org/OAI/openarchivesprotocol.html)."""
