"""What the user reads: rich renderables, the dossier report, diagrams, training exports."""
