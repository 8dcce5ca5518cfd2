"""The pure walk through a flow: answers in, next node and outcome out; answers files; wording."""
