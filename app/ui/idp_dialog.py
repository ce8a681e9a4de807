"""Identity providers: the "Microsoft Entra ID" page."""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.models import EntraSettings, EntraTemplate
from app.core.store import Workspace
from app.ui import dialogs
from app.ui.widgets import (
    CheckList,
    restore_geometry,
    restore_splitter,
    save_geometry,
    save_splitter,
    split_lines,
    template_combo,
)

log = logging.getLogger(__name__)


class EntraPage(QWidget):
    """The form of the "Microsoft Entra ID" page."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Microsoft Entra ID"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<b>Microsoft Entra ID</b>"), self)
        layout.addWidget(title)
        intro = QLabel(
            self.tr(
                "When Atlassian users are provisioned from Microsoft Entra ID, members of "
                "synced groups must be removed in Entra ID, not in Atlassian. Mark the groups "
                "that come from Entra ID; cleanups with the Microsoft Entra ID action then "
                "produce bulk-removal files for them."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.provisioning = QCheckBox(self.tr("Is user provisioning enabled?"), self)
        self.provisioning.setAccessibleName(self.tr("Is user provisioning enabled?"))
        layout.addWidget(self.provisioning)

        groups_label = QLabel(self.tr("Groups synced from Entra ID:"), self)
        layout.addWidget(groups_label)
        self.groups = CheckList(
            [self.tr("Group"), self.tr("Members")],
            name=self.tr("Groups synced from Entra ID"),
            search_placeholder=self.tr("Search groups"),
            parent=self,
        )
        groups_label.setBuddy(self.groups.search)
        layout.addWidget(self.groups, 1)
        self.groups_count = QLabel(self)
        layout.addWidget(self.groups_count)

        form = QFormLayout()
        self.template = template_combo(self, EntraTemplate.CURRENT)
        form.addRow(self.tr("&Template variant:"), self.template)
        self.max_rows = QSpinBox(self)
        self.max_rows.setRange(1, 1_000_000)
        self.max_rows.setGroupSeparatorShown(True)
        self.max_rows.setAccessibleName(self.tr("Rows per file"))
        form.addRow(self.tr("&Rows per file:"), self.max_rows)
        self.rewrites = QPlainTextEdit(self)
        self.rewrites.setPlaceholderText(self.tr("old.example.com=new.example.com (one per line)"))
        self.rewrites.setAccessibleName(self.tr("UPN domain rewrites"))
        self.rewrites.setTabChangesFocus(True)
        self.rewrites.setMaximumHeight(70)
        form.addRow(self.tr("&UPN domain rewrites:"), self.rewrites)
        self.verified = QPlainTextEdit(self)
        self.verified.setPlaceholderText(self.tr("contoso.com (one per line)"))
        self.verified.setAccessibleName(self.tr("Verified domains"))
        self.verified.setTabChangesFocus(True)
        self.verified.setMaximumHeight(70)
        form.addRow(self.tr("&Verified domains:"), self.verified)
        layout.addLayout(form)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Entra ID status"))
        layout.addWidget(self.status)

        self.provisioning.toggled.connect(self._update_status)
        self.groups.changed.connect(self._update_status)
        self.load(workspace)

    def load(self, workspace: Workspace) -> None:
        settings = workspace.entra_settings()
        self.provisioning.setChecked(settings.provisioning_enabled)
        self.groups.set_rows(((g.name, g.members) for g in workspace.groups()), settings.synced_groups)
        self.template.setCurrentIndex(max(0, self.template.findData(settings.template.value)))
        self.max_rows.setValue(settings.max_rows)
        self.rewrites.setPlainText("\n".join(f"{a}={b}" for a, b in settings.upn_domain_rewrites))
        self.verified.setPlainText("\n".join(settings.verified_domains))
        self._update_status()

    def settings(self) -> EntraSettings:
        """The form as settings; raises UserError for a malformed rewrite line."""
        rewrites: list[tuple[str, str]] = []
        for number, line in enumerate(self.rewrites.toPlainText().splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            old, sep, new = line.partition("=")
            if not sep or not old.strip() or not new.strip():
                raise UserError(
                    self.tr("UPN domain rewrites, line %d: write old.domain=new.domain.") % number
                )
            rewrites.append((old.strip(), new.strip()))
        return EntraSettings(
            provisioning_enabled=self.provisioning.isChecked(),
            synced_groups=tuple(self.groups.checked()),
            template=EntraTemplate(self.template.currentData()),
            max_rows=self.max_rows.value(),
            upn_domain_rewrites=tuple(rewrites),
            verified_domains=tuple(split_lines(self.verified.toPlainText())),
        )

    @Slot()
    def _update_status(self) -> None:
        count = len(self.groups.checked())
        self.groups_count.setText(self.tr("%n group(s) marked as synced from Entra ID", "", count))
        if not self.provisioning.isChecked():
            text = self.tr(
                "Provisioning is off: the Microsoft Entra ID action stays unavailable in cleanups."
            )
        elif count == 0:
            text = self.tr(
                "Mark at least one group synced from Entra ID to use the Microsoft Entra ID action."
            )
        else:
            text = self.tr("The Microsoft Entra ID action can be used in cleanups.")
        self.status.setText(text)


class IdentityProvidersDialog(QDialog):
    """Configure identity providers; Save stores and validates, Cancel discards."""

    SETTINGS_KEY = "IdentityProvidersDialog"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("identityProvidersDialog")
        self.setWindowTitle(self.tr("Identity providers"))
        self.setAccessibleName(self.tr("Identity providers"))
        self.resize(820, 640)
        self.saved_settings: EntraSettings | None = None

        self.providers = QListWidget(self)
        self.providers.setAccessibleName(self.tr("Identity providers"))
        self.providers.addItem(self.tr("Microsoft Entra ID"))
        self.pages = QStackedWidget(self)
        self.entra = EntraPage(workspace, self)
        self.pages.addWidget(self.entra)
        self.providers.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.providers.setCurrentRow(0)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.providers)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 640])
        self.splitter.setChildrenCollapsible(False)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(self.tr("Save identity provider settings"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.buttons)
        restore_geometry(self, self.SETTINGS_KEY)
        restore_splitter(self.splitter, self.SETTINGS_KEY)
        self.entra.provisioning.setFocus()

    @Slot()
    def save(self) -> bool:
        """Validate and store the settings; on success the dialog closes."""
        try:
            settings = self.entra.settings()
            self.saved_settings = self.workspace.save_entra_settings(settings)
        except UserError as exc:
            dialogs.error(self, self.tr("Identity providers"), str(exc))
            return False
        log.info(
            "Entra settings saved: provisioning=%s, %d synced group(s)",
            self.saved_settings.provisioning_enabled,
            len(self.saved_settings.synced_groups),
        )
        self.accept()
        return True

    def done(self, result: int) -> None:
        save_geometry(self, self.SETTINGS_KEY)
        save_splitter(self.splitter, self.SETTINGS_KEY)
        super().done(result)
