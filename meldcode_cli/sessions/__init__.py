"""The user's own files: session records, the store, index, snapshots, crypto, settings, decisions."""
