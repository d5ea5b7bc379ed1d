"""What waits for an editor's decision: imported files until confirmed (imports),
links the matcher is not sure of or an editor rejected (proposals), and names the
archive does not know (candidates); each decision keeps who made it and when (decided)."""
