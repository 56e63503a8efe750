"""The radtrack command line."""
