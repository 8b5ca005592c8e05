"""One router per resource: documents, campaigns, agencies, tasks, stats, SPARQL, the web pages."""
