"""Stage: enrich – a validated model becomes the render context: pre-formatted strings only.

Templates hold no logic and no formatting: every date, number, percentage, list punctuation and
capitalisation a document prints is decided here, with :mod:`pipeline.core.vnformat`, so the same
value reads the same in every document that repeats it. :mod:`.common` holds what all documents
share (the frame); one module per input kind holds the rest.
"""
