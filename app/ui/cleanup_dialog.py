"""New cleanup: the cleanup creation form, with a live count, a dry run and Run now."""

from __future__ import annotations

import datetime as dt
import html
import logging
from dataclasses import dataclass
from typing import Any

import pandas as pd
from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.engine import run_cleanup
from app.core.errors import UserError
from app.core.models import Action, Criteria, RowAction
from app.core.progress import Progress
from app.core.store import Workspace
from app.ui import dialogs
from app.ui.frame_model import DataFrameModel, is_missing
from app.ui.idp_dialog import IdentityProvidersDialog
from app.ui.widgets import (
    CheckList,
    restore_geometry,
    restore_splitter,
    save_geometry,
    save_splitter,
    split_lines,
)
from app.ui.worker import ProgressPanel, Worker

log = logging.getLogger(__name__)

#: Delay between the last edit and the recount.
COUNT_DEBOUNCE_MS = 300
#: Groups listed one by one in the summary; the rest are folded into "… and N more".
SUMMARY_GROUPS = 6


@dataclass(frozen=True)
class CountSummary:
    """What the live count shows: affected users and their rows per (group, row action)."""

    affected_users: int
    rows: int = 0
    #: (group, row action value, rows, skipped rows), in the engine's group order.
    groups: tuple[tuple[str, str, int, int], ...] = ()

    @classmethod
    def of(cls, affected_users: int, rows: pd.DataFrame) -> CountSummary:
        """Summarise a dry run's rows with one vectorised group-by (nothing per row)."""
        if rows.empty:
            return cls(affected_users, 0, ())
        counts = rows.groupby(["group", "action"], sort=False)["skip_reason"].agg(["size", "count"])
        keys: list[tuple[str, str]] = counts.index.tolist()  # one (group, action) per group
        groups = tuple(
            (str(group), str(action), int(size), int(skipped))
            for (group, action), size, skipped in zip(
                keys, counts["size"].tolist(), counts["count"].tolist(), strict=True
            )
        )
        return cls(affected_users, len(rows), groups)

    def rows_for(self, action: RowAction) -> int:
        return sum(n for _, a, n, _ in self.groups if a == action.value)


class CleanupDialog(QDialog):
    """The cleanup creation form. ``runCreated(run_id)`` is emitted after Run now."""

    runCreated = Signal(int)
    SETTINGS_KEY = "CleanupDialog"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("cleanupDialog")
        self.setWindowTitle(self.tr("New cleanup"))
        self.setAccessibleName(self.tr("New cleanup"))
        self.resize(1080, 720)
        self._count_generation = 0
        self._count_worker: Worker | None = None
        self._error_source = ""
        self._run_worker: Worker | None = None
        self.last_count: int | None = None
        self.last_summary: CountSummary | None = None
        self.dry_run_rows: pd.DataFrame | None = None

        groups = workspace.groups()
        # Licensing groups first, then the rest, each alphabetically.
        ordered = sorted(groups, key=lambda g: (not g.licensing, g.name.casefold()))

        # -- criteria form ------------------------------------------------------------
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit(form_widget)
        self.name.setPlaceholderText(self.tr("e.g. Inactive Jira users, Q4"))
        self.name.setAccessibleName(self.tr("Display name"))
        form.addRow(self.tr("&Display name:"), self.name)

        tabs = QTabWidget(form_widget)
        tabs.setAccessibleName(self.tr("Groups"))
        self.targets = CheckList(
            [self.tr("Group"), self.tr("Members"), self.tr("Licensing")],
            name=self.tr("Target licensing groups"),
            parent=tabs,
        )
        self.targets.set_rows((g.name, g.members, self.tr("Yes") if g.licensing else "") for g in ordered)
        tabs.addTab(self.targets, self.tr("&Target licensing groups"))
        self.member_of = CheckList(
            [self.tr("Group"), self.tr("Members")],
            name=self.tr("Part of the following groups"),
            parent=tabs,
        )
        self.member_of.set_rows((g.name, g.members) for g in groups)
        tabs.addTab(self.member_of, self.tr("&Part of the following groups"))
        self.exclude_groups = CheckList(
            [self.tr("Group"), self.tr("Members")],
            name=self.tr("Excluded groups"),
            parent=tabs,
        )
        self.exclude_groups.set_rows((g.name, g.members) for g in groups)
        tabs.addTab(self.exclude_groups, self.tr("E&xcluded groups"))
        self.group_tabs = tabs
        form.addRow(tabs)

        days_row = QHBoxLayout()
        self.days = QSpinBox(form_widget)
        self.days.setRange(0, 3650)
        self.days.setValue(90)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("Days inactive threshold"))
        days_row.addWidget(self.days)
        as_of_label = QLabel(self.tr("a&s of"), form_widget)
        days_row.addWidget(as_of_label)
        self.as_of = QDateEdit(QDate.currentDate(), form_widget)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setAccessibleName(self.tr("As-of date"))
        as_of_label.setBuddy(self.as_of)
        days_row.addWidget(self.as_of)
        days_row.addStretch(1)
        days_label = QLabel(self.tr("Days &inactive threshold:"), form_widget)
        days_label.setBuddy(self.days)
        form.addRow(days_label, days_row)

        self.domains = QLineEdit(form_widget)
        self.domains.setPlaceholderText(self.tr("contoso.com, fabrikam.com (optional)"))
        self.domains.setAccessibleName(self.tr("Matching user domains"))
        form.addRow(self.tr("&Matching user domains:"), self.domains)

        self.exclude_users = QPlainTextEdit(form_widget)
        self.exclude_users.setPlaceholderText(self.tr("One email per line (optional)"))
        self.exclude_users.setAccessibleName(self.tr("Excluded users"))
        self.exclude_users.setTabChangesFocus(True)
        self.exclude_users.setMaximumHeight(64)
        form.addRow(self.tr("Excluded &users:"), self.exclude_users)

        self.product = QComboBox(form_widget)
        self.product.setAccessibleName(self.tr("Product filter"))
        self.product.addItem(self.tr("Any product"), None)
        for product in workspace.products():
            self.product.addItem(product, product)
        form.addRow(self.tr("P&roduct filter:"), self.product)

        # -- action -------------------------------------------------------------------
        action_box = QGroupBox(self.tr("Action"), form_widget)
        action_layout = QVBoxLayout(action_box)
        self.review_radio = QRadioButton(self.tr("&Add to list for review"), action_box)
        self.review_radio.setAccessibleName(self.tr("Add to list for review"))
        self.entra_radio = QRadioButton(self.tr("Microsoft &Entra ID action"), action_box)
        self.entra_radio.setAccessibleName(self.tr("Microsoft Entra ID action"))
        self.action_group = QButtonGroup(self)
        self.action_group.addButton(self.review_radio)
        self.action_group.addButton(self.entra_radio)
        self.review_radio.setChecked(True)
        action_layout.addWidget(self.review_radio)
        action_layout.addWidget(self.entra_radio)
        reason_row = QHBoxLayout()
        self.entra_reason = QLabel(action_box)
        self.entra_reason.setWordWrap(True)
        self.entra_reason.setAccessibleName(self.tr("Why the Entra ID action is unavailable"))
        self.idp_button = QPushButton(self.tr("Identity pro&viders…"), action_box)
        self.idp_button.setAccessibleName(self.tr("Open Identity providers"))
        self.idp_button.clicked.connect(self.open_identity_providers)
        reason_row.addWidget(self.entra_reason, 1)
        reason_row.addWidget(self.idp_button)
        action_layout.addLayout(reason_row)
        form.addRow(action_box)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)

        # -- results side -------------------------------------------------------------
        results = QWidget(self)
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        summary = QGroupBox(self.tr("Affected users"), results)
        summary.setObjectName("countSummary")
        summary_layout = QVBoxLayout(summary)
        self.count_label = QLabel(summary)
        self.count_label.setObjectName("liveCount")
        self.count_label.setAccessibleName(self.tr("Affected users"))
        font = self.count_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.count_label.setFont(font)
        self.count_caption = QLabel(summary)
        self.count_caption.setWordWrap(True)
        self.count_caption.setAccessibleName(self.tr("What the count means"))
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBaseline)
        count_row.addWidget(self.count_caption, 1, Qt.AlignmentFlag.AlignBaseline)
        summary_layout.addLayout(count_row)
        self.breakdown_label = QLabel(summary)
        self.breakdown_label.setObjectName("countBreakdown")
        self.breakdown_label.setWordWrap(True)
        self.breakdown_label.setTextFormat(Qt.TextFormat.RichText)
        self.breakdown_label.setAccessibleName(self.tr("Rows per group"))
        self.breakdown_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary_layout.addWidget(self.breakdown_label)
        results_layout.addWidget(summary)

        self.dry_run_label = QLabel(self.tr("Dry run: nothing is recorded."), results)
        self.dry_run_label.setWordWrap(True)
        results_layout.addWidget(self.dry_run_label)
        self.dry_run_hint = QLabel(
            self.tr(
                "Dry run lists the affected users here without recording anything. "
                "Run now records the cleanup in the history."
            ),
            results,
        )
        self.dry_run_hint.setWordWrap(True)
        self.dry_run_hint.setEnabled(False)  # secondary text, drawn in the palette's muted colour
        results_layout.addWidget(self.dry_run_hint)
        self.dry_run_model = self._make_dry_run_model()
        self.dry_run_view = QTableView(results)
        self.dry_run_view.setModel(self.dry_run_model)
        self.dry_run_view.setAccessibleName(self.tr("Dry run results"))
        self.dry_run_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.dry_run_view.setAlternatingRowColors(True)
        self.dry_run_view.verticalHeader().setVisible(False)
        self.dry_run_view.horizontalHeader().setStretchLastSection(True)
        self.dry_run_view.setSortingEnabled(True)
        results_layout.addWidget(self.dry_run_view, 1)
        self.results_stretch = QWidget(results)  # keeps the summary at the top until a dry run
        results_layout.addWidget(self.results_stretch, 1)
        self.progress_panel = ProgressPanel(results)
        results_layout.addWidget(self.progress_panel)
        self.dry_run_label.hide()
        self.dry_run_view.hide()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(results)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([640, 400])

        # -- validation message next to the buttons ------------------------------------
        self.error_label = QLabel(self)
        self.error_label.setObjectName("validationMessage")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Validation message"))
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_icon = QLabel(self)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.error_icon.setPixmap(icon.pixmap(size, size))

        self.buttons = QDialogButtonBox(self)
        self.dry_run_button = QPushButton(self.tr("Dr&y run"), self)
        self.dry_run_button.setAccessibleName(self.tr("Dry run: show affected users"))
        self.run_button = QPushButton(self.tr("Run &now"), self)
        self.run_button.setAccessibleName(self.tr("Run the cleanup now"))
        self.run_button.setDefault(True)
        self.buttons.addButton(self.dry_run_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.dry_run_button.clicked.connect(self.dry_run)
        self.run_button.clicked.connect(self.run_now)
        self.buttons.rejected.connect(self.reject)

        bottom = QHBoxLayout()
        bottom.addWidget(self.error_icon, 0, Qt.AlignmentFlag.AlignVCenter)
        bottom.addWidget(self.error_label, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        # -- live count -----------------------------------------------------------------
        self.count_timer = QTimer(self)
        self.count_timer.setSingleShot(True)
        self.count_timer.setInterval(COUNT_DEBOUNCE_MS)
        self.count_timer.timeout.connect(self.refresh_count)
        for check_list in (self.targets, self.member_of, self.exclude_groups):
            check_list.changed.connect(self._criteria_changed)
        self.days.valueChanged.connect(self._criteria_changed)
        self.as_of.dateChanged.connect(self._criteria_changed)
        self.domains.textChanged.connect(self._criteria_changed)
        self.exclude_users.textChanged.connect(self._criteria_changed)
        self.product.currentIndexChanged.connect(self._criteria_changed)
        self.name.textChanged.connect(self._clear_error)
        self.action_group.buttonToggled.connect(self._clear_error)
        self.action_group.buttonToggled.connect(self._action_toggled)

        self._update_entra_state()
        self._show_error("")
        self._show_summary(None)
        self._criteria_changed()
        restore_geometry(self, self.SETTINGS_KEY)
        restore_splitter(self.splitter, self.SETTINGS_KEY)
        self.name.setFocus()

    def _make_dry_run_model(self) -> DataFrameModel:
        model = DataFrameModel(
            columns=[
                ("email", self.tr("Email")),
                ("display_name", self.tr("Display name")),
                ("group", self.tr("Group")),
                ("action", self.tr("Action")),
                ("last_seen", self.tr("Last seen")),
                ("days_inactive", self.tr("Days inactive")),
            ],
            parent=self,
        )
        actions = {
            "review": self.tr("Review"),
            "entra": self.tr("Remove in Entra ID"),
            "atlassian": self.tr("Remove in Atlassian"),
        }
        never = self.tr("Never")
        # The formatters live in the model, a child of this dialog: they must not refer to the
        # dialog (self), or the dialog ends up in a reference cycle (see export_dialog._Page).
        model.set_formatter("action", lambda v: actions.get(str(v), str(v)))
        model.set_formatter("last_seen", lambda v: never if is_missing(v) else str(v))
        model.set_formatter("days_inactive", lambda v: "" if is_missing(v) else f"{int(v):,}")
        model.set_right_aligned(["days_inactive"])
        return model

    # -- form state ---------------------------------------------------------------------

    def _update_entra_state(self) -> None:
        configured = self.workspace.entra_settings().configured
        self.entra_radio.setEnabled(configured)
        if not configured and self.entra_radio.isChecked():
            self.review_radio.setChecked(True)
        self.entra_reason.setVisible(not configured)
        self.idp_button.setVisible(not configured)
        if not configured:
            self.entra_reason.setText(
                self.tr(
                    "Unavailable: Microsoft Entra ID is not configured. Turn on user "
                    "provisioning and mark the groups synced from Entra ID in Identity providers."
                )
            )

    @Slot()
    def open_identity_providers(self) -> None:
        dialog = IdentityProvidersDialog(self.workspace, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        self._update_entra_state()
        self._criteria_changed()

    def action(self) -> Action:
        return Action.ENTRA if self.entra_radio.isChecked() else Action.REVIEW

    def criteria(self) -> Criteria:
        """The form as criteria; raises UserError with the first problem found."""
        targets = self.targets.checked()
        if not targets:
            raise UserError(self.tr("Choose at least one target licensing group."))
        domains = [d.lstrip("@") for d in split_lines(self.domains.text())]
        for domain in domains:
            if "." not in domain or " " in domain or "@" in domain:
                raise UserError(self.tr("'%s' is not a domain name (e.g. contoso.com).") % domain)
        users = split_lines(self.exclude_users.toPlainText())
        for user in users:
            if "@" not in user:
                raise UserError(self.tr("Excluded user '%s' is not an email address.") % user)
        as_of = self.as_of.date()
        return Criteria(
            target_groups=tuple(targets),
            inactive_days=self.days.value(),
            as_of=dt.date(as_of.year(), as_of.month(), as_of.day()),
            member_of=tuple(self.member_of.checked()),
            domains=tuple(domains),
            exclude_groups=tuple(self.exclude_groups.checked()),
            exclude_users=tuple(users),
            product=self.product.currentData(),
        )

    def _show_error(self, message: str, source: str = "form") -> None:
        """Show (or with '' hide) the inline message. ``source`` is "count" for problems
        found by the live count, which only the live count clears again."""
        self._error_source = source if message else ""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.error_icon.setVisible(bool(message))

    @Slot()
    def _clear_error(self) -> None:
        self._show_error("")

    @Slot(QAbstractButton, bool)
    def _action_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:  # the breakdown (Entra / Atlassian / review) follows the action
            self._criteria_changed()

    # -- live count ---------------------------------------------------------------------

    @Slot()
    def _criteria_changed(self) -> None:
        self._count_generation += 1  # any running count is now stale
        if self._error_source != "count":
            self._show_error("")
        self._show_counting()
        self.count_timer.start()

    @Slot()
    def refresh_count(self) -> None:
        self._count_generation += 1
        generation = self._count_generation
        try:
            criteria = self.criteria()
        except UserError as exc:
            self._show_summary(None)
            self._show_error(str(exc), "count")
            return
        if self._error_source == "count":
            self._show_error("")
        ws, action = self.workspace, self.action()
        name = self.name.text().strip() or "live count"

        def count(progress: Progress) -> tuple[int, CountSummary]:
            # One dry run gives the count and the rows per group together.
            outcome = run_cleanup(ws, name, criteria, action, dry_run=True, progress=progress)
            return generation, CountSummary.of(outcome.affected_users, outcome.rows)

        if self._count_worker is not None:
            self._count_worker.cancel()
        worker = Worker(count, name="count-affected")
        worker.finished.connect(self._on_counted)
        worker.failed.connect(self._on_count_failed)
        self._count_worker = worker
        worker.start()

    @Slot(object)
    def _on_counted(self, result: tuple[int, CountSummary]) -> None:
        generation, summary = result
        if generation != self._count_generation:
            return  # the form changed while counting
        self._show_summary(summary)

    @Slot(object)
    def _on_count_failed(self, exc: BaseException) -> None:
        if self.sender() is not self._count_worker:
            return
        self._show_summary(None)
        if isinstance(exc, UserError):
            self._show_error(str(exc), "count")
        else:
            dialogs.show_failure(self, self.tr("New cleanup"), exc)

    def _show_counting(self) -> None:
        if self.last_count is None:
            self.count_label.setText("…")
        self.count_caption.setText(self.tr("counting…"))

    def _show_summary(self, summary: CountSummary | None) -> None:
        """Show the live count and its breakdown (``None``: nothing to count)."""
        self.last_summary = summary
        if summary is None:
            self.last_count = None
            self.count_label.setText("—")
            self.count_caption.setText(self.tr("Choose the criteria to see who is affected."))
            self.breakdown_label.setText("")
            self.breakdown_label.hide()
            return
        self.last_count = summary.affected_users
        self.count_label.setText(f"{summary.affected_users:,}")
        self.count_caption.setText(self.tr("affected user(s)"))
        self.breakdown_label.setText(self._breakdown_html(summary))
        self.breakdown_label.setVisible(True)

    def _breakdown_html(self, summary: CountSummary) -> str:
        labels = {
            RowAction.REVIEW.value: self.tr("Rows per target group (for review)"),
            RowAction.ENTRA.value: self.tr("Remove in Microsoft Entra ID"),
            RowAction.ATLASSIAN.value: self.tr("Remove in Atlassian (groups not synced from Entra ID)"),
        }
        parts = [
            "<p>"
            + html.escape(self.tr("%s row(s): one per affected user and target group.") % f"{summary.rows:,}")
            + "</p>"
        ]
        for action in (RowAction.ENTRA, RowAction.ATLASSIAN, RowAction.REVIEW):
            groups = [g for g in summary.groups if g[1] == action.value]
            if not groups:
                continue
            lines = []
            for group, _action, rows, skipped in groups[:SUMMARY_GROUPS]:
                extra = ""
                if action is RowAction.ENTRA and skipped:
                    extra = self.tr(" (%s skipped)") % f"{skipped:,}"
                lines.append(
                    f"<tr><td>{html.escape(group)}</td>"
                    f"<td align='right'>&nbsp;&nbsp;{rows:,}</td><td>{html.escape(extra)}</td></tr>"
                )
            more = len(groups) - SUMMARY_GROUPS
            if more > 0:
                rest = sum(n for _, _, n, _ in groups[SUMMARY_GROUPS:])
                lines.append(
                    "<tr><td>"
                    + html.escape(self.tr("… and %d more group(s)") % more)
                    + f"</td><td align='right'>&nbsp;&nbsp;{rest:,}</td><td></td></tr>"
                )
            total = summary.rows_for(action)
            parts.append(
                f"<p style='margin-top:6px'><b>{html.escape(labels[action.value])}</b>: {total:,}</p>"
                f"<table cellspacing='0' cellpadding='1'>{''.join(lines)}</table>"
            )
        return "".join(parts)

    # -- dry run and run ----------------------------------------------------------------

    def _validated(self) -> Criteria | None:
        if not self.name.text().strip():
            self._show_error(self.tr("Enter a display name for the cleanup."))
            self.name.setFocus()
            return None
        try:
            return self.criteria()
        except UserError as exc:
            self._show_error(str(exc))
            return None

    def _set_busy(self, busy: bool) -> None:
        self.run_button.setEnabled(not busy)
        self.dry_run_button.setEnabled(not busy)

    def is_busy(self) -> bool:
        return self._run_worker is not None

    def _start(self, *, dry_run: bool) -> Worker | None:
        criteria = self._validated()
        if criteria is None or self._run_worker is not None:
            return None
        ws, name, action = self.workspace, self.name.text().strip(), self.action()

        def work(progress: Progress) -> Any:
            return run_cleanup(ws, name, criteria, action, dry_run=dry_run, progress=progress)

        worker = Worker(work, name="dry-run" if dry_run else "run-cleanup")
        worker.finished.connect(self._on_dry_run if dry_run else self._on_run)
        worker.failed.connect(self._on_run_failed)
        worker.ended.connect(self._on_run_ended)
        self._run_worker = worker
        self._set_busy(True)
        self._show_error("")
        self.progress_panel.attach(
            worker,
            self.tr("Computing a dry run…") if dry_run else self.tr("Running the cleanup…"),
        )
        return worker.start()

    @Slot()
    def dry_run(self) -> None:
        self._start(dry_run=True)

    @Slot()
    def run_now(self) -> None:
        self._start(dry_run=False)

    @Slot(object)
    def _on_dry_run(self, outcome: Any) -> None:
        self.dry_run_rows = outcome.rows
        self.dry_run_model.set_frame(outcome.rows)
        self.dry_run_label.setText(
            self.tr("Dry run (nothing recorded): %s affected user(s) in %s row(s).")
            % (f"{outcome.affected_users:,}", f"{len(outcome.rows):,}")
        )
        self.dry_run_label.show()
        self.dry_run_view.show()
        self.dry_run_hint.hide()
        self.results_stretch.hide()
        self.dry_run_view.resizeColumnsToContents()

    @Slot(object)
    def _on_run(self, outcome: Any) -> None:
        log.info(
            "Cleanup %s recorded (%d affected users)",
            outcome.run_id,
            outcome.affected_users,
        )
        self.run_id = int(outcome.run_id)
        self.runCreated.emit(self.run_id)
        self.accept()

    @Slot(object)
    def _on_run_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self._show_error(str(exc))
        else:
            dialogs.show_failure(self, self.tr("New cleanup"), exc)

    @Slot()
    def _on_run_ended(self) -> None:
        self._run_worker = None
        self._set_busy(False)

    def reject(self) -> None:
        if self._run_worker is not None:
            self._run_worker.cancel()
        super().reject()

    def done(self, result: int) -> None:
        self.count_timer.stop()
        self._count_generation += 1
        if self._count_worker is not None:
            self._count_worker.cancel()
        save_geometry(self, self.SETTINGS_KEY)
        save_splitter(self.splitter, self.SETTINGS_KEY)
        super().done(result)
