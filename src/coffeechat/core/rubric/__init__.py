"""The rubric: classify what the user says, then score the conversation with evidence."""
