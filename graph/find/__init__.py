"""Stage 2, find: each module finds one kind of thing in cleaned text."""
