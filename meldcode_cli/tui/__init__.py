"""The terminal conversation: full-screen and plain prompts, the walkthrough, the exercise."""
