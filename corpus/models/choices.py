"""Choices that several models share: the editorial status, whether a span still
holds its passage, and the kinds of claim (the claim facets keep them too)."""

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


class Anchor(models.TextChoices):
    ANCHORED = "anchored", "Anchored"
    ORPHANED = "orphaned", "Orphaned"


class ClaimKind(models.TextChoices):
    ASSESSMENT = "assessment", "Assessment"
    PREDICTION = "prediction", "Prediction"
    PROPOSAL = "proposal", "Proposal"
    COMMITMENT = "commitment", "Commitment"
    ACCUSATION = "accusation", "Accusation"
    POSITION = "position", "Position"


PUBLISHED = "published"
# Only anchored spans count: an orphaned one lost its passage when the body was edited.
ANCHORED = "anchored"
