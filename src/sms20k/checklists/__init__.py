"""The checklist stage: clause registries, crosswalk, checklist models, loading and browsing."""
