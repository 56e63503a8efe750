"""Agency workbooks in and out: templates, reading, validation and transactional ingest."""
