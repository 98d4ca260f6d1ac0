"""Reading documents: text (text layer and OCR), classification, one extractor per document family, the spaCy
entity layer, and the pipeline that produces the ``immex.extraction/v1`` result."""
