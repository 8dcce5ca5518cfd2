"""Training cases: their schema and checks, grading a learner's walk, the class report."""
