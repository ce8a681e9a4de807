"""User Cleanup: find inactive Atlassian users and produce Microsoft Entra ID removal files."""

__version__ = "1.0.0"
APP_NAME = "User Cleanup"
APP_ID = "user-cleanup"
ORG_NAME = "User Cleanup"
