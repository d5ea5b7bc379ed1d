"""The editors' work: the admin, the annotator, the review workflow, optimistic
locking, merging duplicates and the orphan queue."""
