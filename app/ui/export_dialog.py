"""Export data: affected users as CSV/JSON, and Identity provider exports (Entra files)."""

from __future__ import annotations

import logging
import weakref
from pathlib import Path

import pandas as pd
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core import exporters
from app.core.models import Action, EntraTemplate, RowAction
from app.core.progress import Progress
from app.core.store import Workspace
from app.ui import dialogs
from app.ui.preview_model import COL_DAYS, COL_LAST_SEEN, COL_NAME, COL_STATUS, COL_UPN, PreviewModel
from app.ui.widgets import (
    CheckList,
    restore_geometry,
    restore_splitter,
    save_geometry,
    save_splitter,
    template_combo,
)
from app.ui.worker import ProgressPanel, Worker

log = logging.getLogger(__name__)

#: QSettings key (under ``folders/``) of the remembered destination folder.
FOLDER_KEY = "entra-exports"
USERS_FOLDER_KEY = "affected-users"
SEARCH_DEBOUNCE_MS = 200

PAGE_CSV, PAGE_JSON, PAGE_IDP = range(3)


def group_counts(rows: pd.DataFrame) -> list[tuple[str, int, int]]:
    """(group, exportable rows, skipped rows) for each Entra group of a run."""
    entra = rows[rows["action"] == RowAction.ENTRA.value]
    if entra.empty:
        return []
    skipped = entra["skip_reason"].notna() | entra["upn"].isna()
    counts = (
        entra.assign(skipped=skipped, exportable=~skipped)
        .groupby("group", sort=False)[["exportable", "skipped"]]
        .sum()
    )
    return sorted(
        ((str(g), int(e), int(s)) for g, (e, s) in counts.iterrows()),
        key=lambda t: t[0].casefold(),
    )


class _Page(QWidget):
    """A page of the Export data dialog; it reaches the dialog through a weak reference.

    A strong one (``self.dialog = dialog``) closes a reference cycle through shiboken's
    parent-child links (dialog -> child wrappers -> page -> dialog), so a parentless dialog
    is freed by the cyclic garbage collector instead of by reference counting. shiboken
    6.11 clears such a cycle in arbitrary order and hands each cleared child wrapper the
    ownership of its C++ widget back: the page stack then deleted itself, its pages
    released the last reference to the dialog, and the dialog deleted the half-destroyed
    stack a second time (a segfault in ``QWidget::~QWidget``). With only weak references
    back, the dialog never takes part in a cycle.
    """

    def __init__(self, dialog: ExportDialog) -> None:
        super().__init__(dialog)
        self._dialog = weakref.ref(dialog)

    @property
    def dialog(self) -> ExportDialog:
        dialog = self._dialog()
        if dialog is None:  # the page dies with its dialog (Qt parent), so never in practice
            raise RuntimeError("the Export data dialog of this page was deleted")
        return dialog


class _UsersPage(_Page):
    """Affected users as CSV or JSON: one button that asks where and saves."""

    def __init__(self, dialog: ExportDialog, fmt: str) -> None:
        super().__init__(dialog)
        self.fmt = fmt
        layout = QVBoxLayout(self)
        if fmt == "csv":
            text = self.tr(
                "Every affected (user, group) row of this cleanup as a CSV file (UTF-8, "
                "opens in Excel): email, display name, group, action, UPN, skip reason, last "
                "seen and days inactive."
            )
            label = self.tr("Save CSV…")
        else:
            text = self.tr(
                "Every affected (user, group) row of this cleanup as a JSON array, for "
                "scripts and other tools."
            )
            label = self.tr("Save JSON…")
        description = QLabel(text, self)
        description.setWordWrap(True)
        layout.addWidget(description)
        self.save_button = QPushButton(label, self)
        self.save_button.setAccessibleName(label)
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAccessibleName(self.tr("Saved file"))
        layout.addWidget(self.result)
        layout.addStretch(1)

    @Slot()
    def save(self) -> None:
        run = self.dialog.run
        suffix = ".csv" if self.fmt == "csv" else ".json"
        default = exporters.safe_file_stem(f"{run.name} - affected users") + suffix
        name_filter = self.tr("CSV files (*.csv)") if self.fmt == "csv" else self.tr("JSON files (*.json)")
        path = dialogs.choose_save_file(
            self, self.tr("Save affected users"), USERS_FOLDER_KEY, default, name_filter
        )
        if path is None:
            return
        ws, run_id = self.dialog.workspace, self.dialog.run_id
        writer = exporters.write_users_csv if self.fmt == "csv" else exporters.write_users_json

        def work(progress: Progress) -> Path:
            progress.step(0.1, "Reading the cleanup")
            rows = ws.run_rows(run_id)
            progress.step(0.5, f"Writing {path.name}")
            return writer(rows, path)

        worker = Worker(work, name=f"export-users-{self.fmt}")
        worker.finished.connect(self._on_saved)
        worker.failed.connect(self._on_failed)
        self.dialog.start_worker(worker, self.tr("Saving %s…") % path.name)

    @Slot(object)
    def _on_saved(self, path: Path) -> None:
        self.result.setText(self.tr("Saved %s") % path)
        self.dialog.last_saved = [path]

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        dialogs.show_failure(self, self.tr("Export data"), exc)


class IdpExportsPage(_Page):
    """Identity provider exports: pick groups, preview, save Entra bulk-removal files."""

    def __init__(self, dialog: ExportDialog) -> None:
        super().__init__(dialog)
        self.rows: pd.DataFrame | None = None
        self.written: list[exporters.WrittenFile] = []
        self.folder: Path | None = dialogs.last_folder(FOLDER_KEY)

        self.groups = CheckList(
            [self.tr("Group"), self.tr("Rows"), self.tr("Skipped")],
            name=self.tr("Entra ID groups to export"),
            search_placeholder=self.tr("Search groups"),
            parent=self,
        )
        self.groups.currentChanged.connect(self.show_group)
        self.groups.changed.connect(self._update_save_state)

        preview = QWidget(self)
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_title = QLabel(preview)
        self.preview_title.setAccessibleName(self.tr("Previewed group"))
        preview_layout.addWidget(self.preview_title)
        self.search = QLineEdit(preview)
        self.search.setPlaceholderText(self.tr("Search UPN, email or name"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search the preview"))
        preview_layout.addWidget(self.search)
        self.model = PreviewModel(self)
        self.table = QTableView(preview)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Preview of the group's removal file"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.model.sort)
        self._size_preview_columns()
        preview_layout.addWidget(self.table, 1)
        self.preview_count = QLabel(preview)
        self.preview_count.setAccessibleName(self.tr("Preview row count"))
        preview_layout.addWidget(self.preview_count)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self.search_timer.start)
        self.search.returnPressed.connect(self._apply_search)
        self.model.viewApplied.connect(self._update_preview_count)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.groups)
        self.splitter.addWidget(preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([290, 760])

        form = QFormLayout()
        folder_row = QHBoxLayout()
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setPlaceholderText(self.tr("Choose a folder"))
        self.folder_edit.setAccessibleName(self.tr("Destination folder"))
        self.folder_button = QPushButton(self.tr("Choose…"), self)
        self.folder_button.setAccessibleName(self.tr("Choose the destination folder"))
        self.folder_button.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        folder_label = QLabel(self.tr("&Destination folder:"), self)
        folder_label.setBuddy(self.folder_button)
        form.addRow(folder_label, folder_row)
        self.template = template_combo(self, dialog.workspace.entra_settings().template)
        form.addRow(self.tr("&Template variant:"), self.template)

        self.save_button = QPushButton(self.tr("Save selected"), self)
        self.save_button.setAccessibleName(self.tr("Save the selected groups' files"))
        self.save_button.clicked.connect(self.save_selected)
        self.selection_label = QLabel(self)
        save_row = QHBoxLayout()
        save_row.addWidget(self.selection_label, 1)
        save_row.addWidget(self.save_button)

        self.result = QWidget(self)
        result_layout = QHBoxLayout(self.result)
        result_layout.setContentsMargins(0, 0, 0, 0)
        self.result_label = QLabel(self.result)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setAccessibleName(self.tr("Files written"))
        self.open_button = QPushButton(self.tr("Open folder"), self.result)
        self.open_button.setAccessibleName(self.tr("Open the destination folder"))
        self.open_button.clicked.connect(self.open_folder)
        self.copy_button = QPushButton(self.tr("Copy path"), self.result)
        self.copy_button.setAccessibleName(self.tr("Copy the destination folder path"))
        self.copy_button.clicked.connect(self.copy_path)
        result_layout.addWidget(self.result_label, 1)
        result_layout.addWidget(self.open_button)
        result_layout.addWidget(self.copy_button)
        self.result.hide()

        howto = QLabel(
            self.tr(
                "<b>How to upload in Entra:</b> in the Microsoft Entra admin center open the "
                "group → Members → Bulk operations → Remove members, upload the file, then "
                "Submit. Upload one file per group."
            ),
            self,
        )
        howto.setWordWrap(True)
        howto.setAccessibleName(self.tr("How to upload in Entra"))
        self.howto = howto

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(form)
        layout.addLayout(save_row)
        layout.addWidget(self.result)
        layout.addWidget(howto)
        self._show_folder()
        self._update_save_state()

    # -- data ---------------------------------------------------------------------

    def set_rows(self, rows: pd.DataFrame) -> None:
        self.rows = rows
        counts = group_counts(rows)
        # Admins usually save every group: all are checked to start with.
        self.groups.set_rows(counts, checked=[group for group, _rows, _skipped in counts])
        if counts:
            self.groups.set_current(counts[0][0])
        self._update_save_state()

    def _size_preview_columns(self) -> None:
        """Widths that fit typical values, so Status (and the skip reason) stays in view."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        pad = 2 * self.table.style().pixelMetric(self.table.style().PixelMetric.PM_HeaderMargin) + 12

        def fit(*samples: str) -> int:
            return max(metrics.horizontalAdvance(text) for text in samples) + pad

        header.setMinimumSectionSize(fit("0000"))
        header.resizeSection(COL_UPN, fit("firstname.lastname@contoso-partners.com"))
        header.resizeSection(COL_NAME, fit("Firstname Lastname"))
        labels = self.model.column_labels()
        header.resizeSection(COL_LAST_SEEN, fit("0000-00-00", labels[COL_LAST_SEEN]))
        header.resizeSection(COL_DAYS, fit("00,000", labels[COL_DAYS]))
        header.resizeSection(COL_STATUS, fit("Will be removed"))

    @Slot(str)
    def show_group(self, group: str) -> None:
        if self.rows is None or not group:
            self.model.set_frame(self.rows.iloc[0:0] if self.rows is not None else pd.DataFrame())
            self.preview_title.setText("")
            return
        frame = exporters.entra_group_rows(self.rows, group)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_frame(frame)
        self.preview_title.setText(self.tr("<b>%s</b>: preview of the removal file") % group)
        self._update_preview_count()

    @Slot()
    def _apply_search(self) -> None:
        self.search_timer.stop()
        self.model.set_search(self.search.text())

    @Slot()
    def _update_preview_count(self) -> None:
        total, shown, skipped = (
            self.model.total_rows(),
            self.model.visible_rows(),
            self.model.skipped_rows(),
        )
        text = self.tr("%s row(s), %s skipped") % (f"{total:,}", f"{skipped:,}")
        if self.model.search_text():
            text = self.tr("%s of %s") % (f"{shown:,}", text)
        self.preview_count.setText(text)

    # -- folder and saving ----------------------------------------------------------

    def _show_folder(self) -> None:
        self.folder_edit.setText(str(self.folder) if self.folder else "")

    @Slot()
    def choose_folder(self) -> None:
        chosen = dialogs.choose_folder(self, self.tr("Destination folder"), FOLDER_KEY)
        if chosen is not None:
            self.folder = chosen
            dialogs.remember_folder(FOLDER_KEY, chosen)
            self._show_folder()
            self._update_save_state()

    @Slot()
    def _update_save_state(self) -> None:
        chosen = self.groups.checked()
        self.selection_label.setText(self.tr("%n group(s) selected", "", len(chosen)))
        self.save_button.setEnabled(bool(chosen) and self.rows is not None and not self.dialog.is_busy())

    def template_choice(self) -> EntraTemplate:
        return EntraTemplate(self.template.currentData())

    @Slot()
    def save_selected(self) -> None:
        chosen = self.groups.checked()
        if not chosen or self.rows is None or self.dialog.is_busy():
            return
        if self.folder is None:
            self.choose_folder()
            if self.folder is None:
                return
        folder = self.folder
        ws, run_id = self.dialog.workspace, self.dialog.run_id
        max_rows = ws.entra_settings().max_rows
        plan = exporters.plan_entra_files(self.rows, groups=chosen, max_rows=max_rows)
        existing = exporters.existing_files(folder, plan)
        if existing:
            names = "\n".join(p.name for p in existing[:10])
            more = len(existing) - 10
            if more > 0:
                names += "\n" + self.tr("… and %d more") % more
            if not dialogs.confirm(
                self,
                self.tr("Replace files?"),
                self.tr("These files already exist in %s:\n\n%s\n\nReplace them?") % (folder, names),
                ok_text=self.tr("Replace"),
                destructive=True,
            ):
                return
        template = self.template_choice()

        def work(progress: Progress) -> exporters.EntraExportResult:
            return exporters.write_entra_exports(
                ws,
                run_id,
                folder,
                groups=chosen,
                template=template,
                max_rows=max_rows,
                overwrite=bool(existing),
                progress=progress,
            )

        worker = Worker(work, name="entra-exports")
        worker.finished.connect(self._on_saved)
        worker.failed.connect(self._on_failed)
        worker.ended.connect(self._update_save_state)
        self.result.hide()
        self.dialog.start_worker(worker, self.tr("Saving Entra ID files…"))
        self._update_save_state()

    @Slot(object)
    def _on_saved(self, result: exporters.EntraExportResult) -> None:
        self.written = list(result.files)
        self.dialog.last_saved = [f.path for f in result.files]
        lines = [self.tr("%s (%s rows)") % (f.path.name, f"{f.rows:,}") for f in result.files]
        text = self.tr("Saved %n file(s) to %1:", "", len(result.files)).replace("%1", str(self.folder))
        text += "\n" + "\n".join(lines)
        if result.skipped:
            text += "\n" + self.tr(
                "%n user(s) skipped (see the preview for the reasons).",
                "",
                len(result.skipped),
            )
        self.result_label.setText(text)
        self.result.show()
        self.open_button.setFocus()
        log.info("Saved %d Entra file(s) to %s", len(result.files), self.folder)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        dialogs.show_failure(self, self.tr("Identity provider exports"), exc)

    @Slot()
    def open_folder(self) -> None:
        if self.folder is not None:
            dialogs.open_folder(self.folder)

    @Slot()
    def copy_path(self) -> None:
        if self.folder is not None:
            dialogs.copy_text(str(self.folder))


class ExportDialog(QDialog):
    """Export data for one cleanup run."""

    SETTINGS_KEY = "ExportDialog"

    def __init__(self, workspace: Workspace, run_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.run_id = run_id
        self.run = workspace.run(run_id)
        self.last_saved: list[Path] = []
        self._worker: Worker | None = None
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export data"))
        self.setAccessibleName(self.tr("Export data"))
        self.resize(1240, 720)

        heading = QLabel(
            self.tr("<b>%s</b> — run %s, %s affected user(s)")
            % (
                self.run.name,
                self.run.run_at.strftime("%Y-%m-%d %H:%M"),
                f"{self.run.affected_users:,}",
            ),
            self,
        )
        heading.setTextFormat(Qt.TextFormat.RichText)

        self.options = QListWidget(self)
        self.options.setAccessibleName(self.tr("Export options"))
        self.pages = QStackedWidget(self)
        self.csv_page = _UsersPage(self, "csv")
        self.json_page = _UsersPage(self, "json")
        self._add_option(self.tr("Affected users (CSV)"), self.csv_page)
        self._add_option(self.tr("Affected users (JSON)"), self.json_page)
        self.idp_page: IdpExportsPage | None = None
        self.idp_unavailable = QLabel(self)
        self.idp_unavailable.setWordWrap(True)
        self.idp_unavailable.setAccessibleName(self.tr("Why Identity provider exports are not offered"))
        if self.run.has_idp_rows:
            self.idp_page = IdpExportsPage(self)
            self._add_option(self.tr("Identity provider exports"), self.idp_page)
            self.idp_unavailable.hide()
        else:
            self.idp_unavailable.setText(self._why_no_idp())
        self.options.currentRowChanged.connect(self.pages.setCurrentIndex)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.options)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 1050])
        self.splitter.setChildrenCollapsible(False)

        self.progress_panel = ProgressPanel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.idp_unavailable)
        layout.addWidget(self.progress_panel)
        layout.addWidget(self.buttons)
        restore_geometry(self, self.SETTINGS_KEY)
        restore_splitter(self.splitter, self.SETTINGS_KEY)
        if self.idp_page is not None:
            restore_splitter(self.idp_page.splitter, self.SETTINGS_KEY + "/preview")
            self.options.setCurrentRow(PAGE_IDP)
            self._load_rows()
        else:
            self.options.setCurrentRow(PAGE_CSV)
        self.options.setFocus()

    def _add_option(self, label: str, page: QWidget) -> None:
        item = QListWidgetItem(label, self.options)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
        self.pages.addWidget(page)

    def _why_no_idp(self) -> str:
        if self.run.action is Action.REVIEW:
            return self.tr(
                'Identity provider exports are not offered: this cleanup used "Add to list '
                'for review". Run a cleanup with the "Microsoft Entra ID action" to get '
                "Entra ID removal files."
            )
        return self.tr(
            "Identity provider exports are not offered: none of this cleanup's target groups "
            "is synced from Microsoft Entra ID, or it found no users in them. Mark synced "
            "groups in Identity providers and run the cleanup again."
        )

    def option_labels(self) -> list[str]:
        return [self.options.item(i).text() for i in range(self.options.count())]

    def show_option(self, index: int) -> None:
        self.options.setCurrentRow(index)

    # -- background work -------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._worker is not None

    def start_worker(self, worker: Worker, message: str) -> None:
        self._worker = worker
        worker.ended.connect(self._on_worker_ended)
        self.progress_panel.attach(worker, message)
        worker.start()

    @Slot()
    def _on_worker_ended(self) -> None:
        self._worker = None
        if self.idp_page is not None:
            self.idp_page._update_save_state()

    def _load_rows(self) -> None:
        ws, run_id = self.workspace, self.run_id

        def load(progress: Progress) -> pd.DataFrame:
            progress.step(0.1, "Reading the cleanup's rows")
            return ws.run_rows(run_id)

        worker = Worker(load, name="load-run-rows")
        worker.finished.connect(self._on_rows_loaded)
        worker.failed.connect(self._on_load_failed)
        self.start_worker(worker, self.tr("Loading the cleanup…"))

    def rows_loaded(self) -> bool:
        return self.idp_page is not None and self.idp_page.rows is not None

    @Slot(object)
    def _on_rows_loaded(self, rows: pd.DataFrame) -> None:
        if self.idp_page is not None:
            self.idp_page.set_rows(rows)

    @Slot(object)
    def _on_load_failed(self, exc: BaseException) -> None:
        dialogs.show_failure(self, self.tr("Export data"), exc)

    def reject(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
        super().reject()

    def done(self, result: int) -> None:
        save_geometry(self, self.SETTINGS_KEY)
        save_splitter(self.splitter, self.SETTINGS_KEY)
        if self.idp_page is not None:
            save_splitter(self.idp_page.splitter, self.SETTINGS_KEY + "/preview")
        super().done(result)
