"""Scripts that print the figures quoted in docs/performance.md; run them from the repository root."""
