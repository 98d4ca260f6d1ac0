"""Layout memory per company: learned from people's corrections and confirmations, used to read the next
documents of the same issuer and layout (``extractors.learned`` holds the pure learning and reading)."""
