"""What every answer of the site must carry."""

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def missing_security_headers(response):
    """The security headers `response` lacks or has wrong, by name."""
    missing = [
        name for name, value in SECURITY_HEADERS.items() if response.get(name) != value
    ]
    csp = response.get("Content-Security-Policy", "")
    if "frame-ancestors 'none'" not in csp or "script-src 'self'" not in csp:
        missing.append("Content-Security-Policy")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        missing.append("Permissions-Policy")
    return missing
