"""Analyses on a stored organisation: pure functions of the dataset, deterministic,
returning pandas DataFrames or plain values. They never import views or the CLI."""
