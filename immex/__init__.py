"""immex-evidence: document intake and audit evidence for IMMEX companies.

The shell of the service: settings, the wiring of services, errors and the ``immex`` command line.
"""

__version__ = "0.1.0"
