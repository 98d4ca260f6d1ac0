"""Synthetic customs documents with their ground truth, for golden tests and the extraction benchmark.

`data` draws realistic values (valid RFC and ISO 6346 check digits, amounts that add up) from a seed;
`pedimentos`, `invoices` and `bills` draw them as PDFs in several layouts (`draw` is the drawing surface);
`scan` turns a PDF into the image PDF a scanner would give; `generate` writes a whole set
(`python -m tests.synth OUTDIR --count N`); `score` compares extraction results with the truth (field-level
precision, recall and F1).
"""
