"""How the archive runs: settings read from the environment, the embedded
PostgreSQL for development, and the router that sends reads to replicas."""
