# The Python package's version: the Swift package's (PackageInfo.version), checked at load.
__version__ = "0.1.0"
