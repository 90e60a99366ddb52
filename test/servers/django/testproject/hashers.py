"""One password-hashing cost for every Django generation the tests run.

Django raises PBKDF2's iterations with each release (260,000 in 3.2, 600,000 in 4.2, 1,000,000 in 5.2). The
algorithm and the stored format are the same; only the time differs, and the test suites hash passwords on
every user, sign-in and change, on three generations at once. Every generation here hashes with 3.2's count,
as Django's own testing advice suggests for test settings.
"""
from django.contrib.auth.hashers import PBKDF2PasswordHasher


class SameCostPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 260000
