"""Validation files (M3) and Data Stage extracts: the SAT's own record of each pedimento.

``layout`` holds the record tables, ``parse`` reads files with them, ``result`` turns a pedimento into the
``immex.extraction/v1`` result and ``write`` renders one pedimento back as records.
"""

M3_MEDIA_TYPE = "application/vnd.immex.m3"
DATASTAGE_MEDIA_TYPE = "application/vnd.immex.datastage+zip"
