"""The rules of official letters (*tata naskah dinas*, Permendagri 1/2023) without Django: the number's pattern
and the signature block."""
