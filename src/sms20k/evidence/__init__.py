"""Evidence repositories: the manifest, evidence files, references, the lock file."""
