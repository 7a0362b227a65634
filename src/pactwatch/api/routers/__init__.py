"""One router per resource: events, entities, documents, search, ingest, review, auth."""
