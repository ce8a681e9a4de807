<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="384"/>
        <source>About {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="395"/>
        <source>Version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="396"/>
        <source>Qt {qt}, PySide6 {pyside}, Python {python}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="401"/>
        <source>Workspace: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="409"/>
        <source>Third-party software and licences:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="412"/>
        <source>Licence notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="419"/>
        <source>This build uses Qt for Python (PySide6, LGPL-3.0), pandas, NumPy, platformdirs, httpx and filelock. Their licence notices are not bundled with this build.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AffectedUsersDialog</name>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="81"/>
        <source>Affected users — {name}</source>
        <extracomment>How much of the log file the Log window shows (its end).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="86"/>
        <source>{action}, run {when}: {criteria}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="97"/>
        <source>Search email, name, group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="98"/>
        <source>Search affected users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="100"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="101"/>
        <source>Number of rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="107"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="111"/>
        <location filename="../../app/ui/window_dialogs.py" line="156"/>
        <source>Affected users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="145"/>
        <source>Loading affected users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="155"/>
        <source>Could not load the rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="167"/>
        <source>{n} rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="169"/>
        <source>{shown} of {n} rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckList</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="143"/>
        <source>Search groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="143"/>
        <source>Search %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="166"/>
        <source>Select all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="167"/>
        <source>Check every listed row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="169"/>
        <source>Select none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="170"/>
        <source>Uncheck every row</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CleanupDialog</name>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="103"/>
        <location filename="../../app/ui/cleanup_dialog.py" line="104"/>
        <location filename="../../app/ui/cleanup_dialog.py" line="494"/>
        <location filename="../../app/ui/cleanup_dialog.py" line="636"/>
        <source>New cleanup</source>
        <extracomment>Delay between the last edit and the recount. Groups listed one by one in the summary; the rest are folded into &quot;… and N more&quot;. (group, row action value, rows, skipped rows), in the engine&apos;s group order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="123"/>
        <source>e.g. Inactive Jira users, Q4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="124"/>
        <location filename="../../app/ui/cleanup_dialog.py" line="350"/>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="125"/>
        <source>&amp;Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="128"/>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="130"/>
        <location filename="../../app/ui/cleanup_dialog.py" line="137"/>
        <location filename="../../app/ui/cleanup_dialog.py" line="144"/>
        <location filename="../../app/ui/cleanup_dialog.py" line="351"/>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="130"/>
        <location filename="../../app/ui/cleanup_dialog.py" line="137"/>
        <location filename="../../app/ui/cleanup_dialog.py" line="144"/>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="130"/>
        <source>Licensing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="131"/>
        <source>Target licensing groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="134"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="135"/>
        <source>&amp;Target licensing groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="138"/>
        <source>Part of the following groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="142"/>
        <source>&amp;Part of the following groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="145"/>
        <source>Excluded groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="149"/>
        <source>E&amp;xcluded groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="157"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="158"/>
        <source>Days inactive threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="160"/>
        <source>a&amp;s of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="165"/>
        <source>As-of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="169"/>
        <source>Days &amp;inactive threshold:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="174"/>
        <source>contoso.com, fabrikam.com (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="175"/>
        <source>Matching user domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="176"/>
        <source>&amp;Matching user domains:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="179"/>
        <source>One email per line (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="180"/>
        <source>Excluded users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="183"/>
        <source>Excluded &amp;users:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="186"/>
        <source>Product filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="187"/>
        <source>Any product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="190"/>
        <source>P&amp;roduct filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="193"/>
        <location filename="../../app/ui/cleanup_dialog.py" line="352"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="195"/>
        <source>&amp;Add to list for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="196"/>
        <source>Add to list for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="197"/>
        <source>Microsoft &amp;Entra ID action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="198"/>
        <source>Microsoft Entra ID action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="208"/>
        <source>Why the Entra ID action is unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="209"/>
        <source>Identity pro&amp;viders…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="210"/>
        <source>Open Identity providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="225"/>
        <location filename="../../app/ui/cleanup_dialog.py" line="230"/>
        <source>Affected users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="237"/>
        <source>What the count means</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="246"/>
        <source>Rows per group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="251"/>
        <source>Dry run: nothing is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="256"/>
        <source>Dry run lists the affected users here without recording anything. Run now records the cleanup in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="267"/>
        <source>Dry run results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="293"/>
        <source>Validation message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="301"/>
        <source>Dr&amp;y run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="302"/>
        <source>Dry run: show affected users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="303"/>
        <source>Run &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="304"/>
        <source>Run the cleanup now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="349"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="353"/>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="354"/>
        <source>Days inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="359"/>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="360"/>
        <source>Remove in Entra ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="361"/>
        <source>Remove in Atlassian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="364"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="381"/>
        <source>Unavailable: Microsoft Entra ID is not configured. Turn on user provisioning and mark the groups synced from Entra ID in Identity providers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="403"/>
        <source>Choose at least one target licensing group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="407"/>
        <source>&apos;%s&apos; is not a domain name (e.g. contoso.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="411"/>
        <source>Excluded user &apos;%s&apos; is not an email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="499"/>
        <source>counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="507"/>
        <source>Choose the criteria to see who is affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="513"/>
        <source>affected user(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="519"/>
        <source>Rows per target group (for review)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="520"/>
        <source>Remove in Microsoft Entra ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="521"/>
        <source>Remove in Atlassian (groups not synced from Entra ID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="525"/>
        <source>%s row(s): one per affected user and target group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="536"/>
        <source> (%s skipped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="546"/>
        <source>… and %d more group(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="560"/>
        <source>Enter a display name for the cleanup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="594"/>
        <source>Computing a dry run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="594"/>
        <source>Running the cleanup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/cleanup_dialog.py" line="611"/>
        <source>Dry run (nothing recorded): %s affected user(s) in %s row(s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <location filename="../../app/ui/import_flow.py" line="70"/>
        <source>Map the columns of {file}</source>
        <extracomment>Header patterns used to preselect the mapping (the admin can change every choice).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="71"/>
        <source>Map columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="76"/>
        <source>The columns of {file} do not match the Atlassian users export or the generic format. Choose which column holds what; only the email address is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="84"/>
        <source>Email address column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="85"/>
        <source>Display name column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="86"/>
        <source>Status column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="87"/>
        <source>Added to the organisation column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="88"/>
        <source>Groups column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="89"/>
        <source>Account ID column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="92"/>
        <source>Separator between group names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="97"/>
        <source>Last seen columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="106"/>
        <source>&amp;Email address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="107"/>
        <source>&amp;Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="108"/>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="109"/>
        <source>&amp;Last seen (one or more):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="110"/>
        <source>&amp;Added to organisation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="111"/>
        <source>&amp;Groups:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="112"/>
        <source>Group &amp;separator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="113"/>
        <source>Account &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="120"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="134"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="134"/>
        <source>(choose a column)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="166"/>
        <source>Choose the column that holds the email addresses.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="221"/>
        <location filename="../../app/ui/dialogs.py" line="222"/>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="227"/>
        <source>Something went wrong inside {app}. Your workspace was not changed by the failed step. Please send the details below to support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="231"/>
        <source>The full log is in {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="238"/>
        <source>Error details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="244"/>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="245"/>
        <source>Copy error details to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntraPage</name>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="48"/>
        <source>Microsoft Entra ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="50"/>
        <source>&lt;b&gt;Microsoft Entra ID&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="54"/>
        <source>When Atlassian users are provisioned from Microsoft Entra ID, members of synced groups must be removed in Entra ID, not in Atlassian. Mark the groups that come from Entra ID; cleanups with the Microsoft Entra ID action then produce bulk-removal files for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="64"/>
        <location filename="../../app/ui/idp_dialog.py" line="65"/>
        <source>Is user provisioning enabled?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="68"/>
        <source>Groups synced from Entra ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="71"/>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="71"/>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="72"/>
        <source>Groups synced from Entra ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="73"/>
        <source>Search groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="83"/>
        <source>&amp;Template variant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="87"/>
        <source>Rows per file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="88"/>
        <source>&amp;Rows per file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="90"/>
        <source>old.example.com=new.example.com (one per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="91"/>
        <source>UPN domain rewrites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="94"/>
        <source>&amp;UPN domain rewrites:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="96"/>
        <source>contoso.com (one per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="97"/>
        <source>Verified domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="100"/>
        <source>&amp;Verified domains:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="105"/>
        <source>Entra ID status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="132"/>
        <source>UPN domain rewrites, line %d: write old.domain=new.domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/idp_dialog.py" line="147"/>
        <source>%n group(s) marked as synced from Entra ID</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="150"/>
        <source>Provisioning is off: the Microsoft Entra ID action stays unavailable in cleanups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="154"/>
        <source>Mark at least one group synced from Entra ID to use the Microsoft Entra ID action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="157"/>
        <source>The Microsoft Entra ID action can be used in cleanups.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="451"/>
        <location filename="../../app/ui/export_dialog.py" line="452"/>
        <location filename="../../app/ui/export_dialog.py" line="575"/>
        <source>Export data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="456"/>
        <source>&lt;b&gt;%s&lt;/b&gt; — run %s, %s affected user(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="467"/>
        <source>Export options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="471"/>
        <source>Affected users (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="472"/>
        <source>Affected users (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="476"/>
        <source>Why Identity provider exports are not offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="479"/>
        <source>Identity provider exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="520"/>
        <source>Identity provider exports are not offered: this cleanup used &quot;Add to list for review&quot;. Run a cleanup with the &quot;Microsoft Entra ID action&quot; to get Entra ID removal files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="525"/>
        <source>Identity provider exports are not offered: none of this cleanup&apos;s target groups is synced from Microsoft Entra ID, or it found no users in them. Mark synced groups in Identity providers and run the cleanup again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="563"/>
        <source>Loading the cleanup…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../app/ui/history_model.py" line="34"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="35"/>
        <source>Run at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="36"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="37"/>
        <source>Criteria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="38"/>
        <source>Affected users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="39"/>
        <source>Entra-synced groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="40"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="43"/>
        <source>Add to list for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="44"/>
        <source>Microsoft Entra ID action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="71"/>
        <source>{count} groups ({rows} rows)</source>
        <extracomment>Native value to sort on (numbers, ISO timestamps, case-folded text). The row&apos;s :class:`RunSummary`. The row&apos;s run id.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="78"/>
        <source>No Microsoft Entra ID rows in this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="80"/>
        <source>{group}: {rows} users to remove in Entra ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="217"/>
        <source>Scheduling and cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="218"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="219"/>
        <source>Filter the history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="219"/>
        <source>Filter the cleanup history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="228"/>
        <source>Cleanup history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="296"/>
        <source>Loading the history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="298"/>
        <source>No cleanup matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="300"/>
        <source>No cleanups yet. Use New cleanup… to find inactive users.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdentityProvidersDialog</name>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="170"/>
        <location filename="../../app/ui/idp_dialog.py" line="171"/>
        <location filename="../../app/ui/idp_dialog.py" line="176"/>
        <location filename="../../app/ui/idp_dialog.py" line="215"/>
        <source>Identity providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="177"/>
        <source>Microsoft Entra ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/idp_dialog.py" line="196"/>
        <source>Save identity provider settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdpExportsPage</name>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="155"/>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="155"/>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="155"/>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="156"/>
        <source>Entra ID groups to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="157"/>
        <source>Search groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="167"/>
        <source>Previewed group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="170"/>
        <source>Search UPN, email or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="172"/>
        <source>Search the preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="177"/>
        <source>Preview of the group&apos;s removal file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="192"/>
        <source>Preview row count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="215"/>
        <source>Choose a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="216"/>
        <location filename="../../app/ui/export_dialog.py" line="340"/>
        <source>Destination folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="217"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="218"/>
        <source>Choose the destination folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="222"/>
        <source>&amp;Destination folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="226"/>
        <source>&amp;Template variant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="228"/>
        <source>Save selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="229"/>
        <source>Save the selected groups&apos; files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="242"/>
        <source>Files written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="243"/>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="244"/>
        <source>Open the destination folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="246"/>
        <source>Copy path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="247"/>
        <source>Copy the destination folder path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="256"/>
        <source>&lt;b&gt;How to upload in Entra:&lt;/b&gt; in the Microsoft Entra admin center open the group → Members → Bulk operations → Remove members, upload the file, then Submit. Upload one file per group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="263"/>
        <source>How to upload in Entra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="313"/>
        <source>&lt;b&gt;%s&lt;/b&gt;: preview of the removal file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="328"/>
        <source>%s row(s), %s skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="330"/>
        <source>%s of %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/export_dialog.py" line="350"/>
        <source>%n group(s) selected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="374"/>
        <source>… and %d more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="377"/>
        <source>Replace files?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="378"/>
        <source>These files already exist in %s:

%s

Replace them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="379"/>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="402"/>
        <source>Saving Entra ID files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="409"/>
        <source>%s (%s rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/export_dialog.py" line="410"/>
        <source>Saved %n file(s) to %1:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/export_dialog.py" line="414"/>
        <source>%n user(s) skipped (see the preview for the reasons).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="425"/>
        <source>Identity provider exports</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../app/ui/import_flow.py" line="181"/>
        <source>{file} was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="183"/>
        <source>Users: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="184"/>
        <source>Groups: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="185"/>
        <source>Group memberships: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="188"/>
        <source>Rows without an email address: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="193"/>
        <source>Warnings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="238"/>
        <source>Import users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="239"/>
        <source>Importing {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="248"/>
        <source>Import finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="254"/>
        <location filename="../../app/ui/import_flow.py" line="293"/>
        <source>Import cancelled; the workspace was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="267"/>
        <location filename="../../app/ui/import_flow.py" line="279"/>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_flow.py" line="268"/>
        <source>{problem}

The workspace was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="316"/>
        <location filename="../../app/ui/window_dialogs.py" line="317"/>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="323"/>
        <source>Log messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="328"/>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="329"/>
        <source>Copy all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="330"/>
        <source>Open log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="346"/>
        <source>Log file: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="353"/>
        <source>Nothing has been logged yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="356"/>
        <source>The log file cannot be read: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="417"/>
        <source>&amp;Import users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="421"/>
        <source>Import the users export of your Atlassian organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="425"/>
        <source>&amp;New cleanup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="429"/>
        <source>Find inactive users and record a cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="433"/>
        <source>Identity &amp;providers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="437"/>
        <source>Configure Microsoft Entra ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="441"/>
        <source>&amp;Export data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="445"/>
        <source>Export the selected cleanup&apos;s users and Entra ID files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="449"/>
        <source>Show &amp;affected users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="453"/>
        <source>List the users of the selected cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="457"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="461"/>
        <source>Protected users and groups, licensing groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="467"/>
        <source>&amp;Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="471"/>
        <source>Show the application log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="475"/>
        <source>&amp;About {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="478"/>
        <source>Version and licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="483"/>
        <source>Open &amp;demo workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="485"/>
        <source>Try the app on sample data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="489"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="495"/>
        <source>&amp;Find in history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="501"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="510"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="515"/>
        <source>&amp;Cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="522"/>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="525"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="529"/>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="554"/>
        <source>Workspace folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="555"/>
        <source>Number of users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="556"/>
        <source>Last import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="597"/>
        <source>Workspace: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="668"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="672"/>
        <source>{n} users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="674"/>
        <source>Never imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="678"/>
        <source>Last import: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="747"/>
        <source>This part of {app} is not available in this build ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="759"/>
        <source>Identity providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="772"/>
        <source>New cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="788"/>
        <source>Select a cleanup in the History first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="795"/>
        <source>Export data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="816"/>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="837"/>
        <source>Import users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="839"/>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="846"/>
        <source>An import is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="852"/>
        <source>Users imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="888"/>
        <source>This is the demo workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="895"/>
        <location filename="../../app/ui/main_window.py" line="915"/>
        <location filename="../../app/ui/main_window.py" line="930"/>
        <source>Demo workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="916"/>
        <source>Creating the demo workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="924"/>
        <source>Demo workspace ready: try Export data… on a cleanup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../app/ui/preview_model.py" line="271"/>
        <source>User principal name</source>
        <extracomment>Rows handed to the view per ``fetchMore``. Frames with more rows than this are searched and sorted in a worker. Data roles beyond Qt&apos;s own. Columns of ``Workspace.run_rows``/``entra_group_rows`` the preview reads. Missing ones are treated as empty, so a partial frame still shows.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_model.py" line="272"/>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_model.py" line="273"/>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_model.py" line="274"/>
        <source>Days inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_model.py" line="275"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_model.py" line="320"/>
        <source>Not exported: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_model.py" line="323"/>
        <source>Atlassian account: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_model.py" line="359"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_model.py" line="365"/>
        <source>Skipped: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_model.py" line="366"/>
        <source>Will be removed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../app/ui/worker.py" line="256"/>
        <source>Progress message</source>
        <extracomment>Progress signals are throttled to at most one per this many seconds (the last one before the end is always delivered through ``finished``). Resolution of progress bars driven by a worker.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/worker.py" line="260"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/worker.py" line="261"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/worker.py" line="262"/>
        <source>Cancel the running task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/worker.py" line="290"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunDetails</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="150"/>
        <location filename="../../app/ui/main_window.py" line="173"/>
        <source>No cleanup selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="152"/>
        <location filename="../../app/ui/main_window.py" line="174"/>
        <source>Select a cleanup in the History to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="157"/>
        <source>Selected cleanup details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="158"/>
        <source>Show affected users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="159"/>
        <source>Export data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="160"/>
        <source>Show the affected users of the selected cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="161"/>
        <source>Export data of the selected cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="179"/>
        <source>Run at: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="180"/>
        <source>Action: {action}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="181"/>
        <source>Affected users: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="182"/>
        <source>Status: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="184"/>
        <source>Target groups: {groups}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="185"/>
        <source>Inactive for at least {days} days as of {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="190"/>
        <source>Part of: {groups}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="192"/>
        <source>Domains: {domains}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="195"/>
        <source>Excluded: {n} groups, {m} users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="200"/>
        <source>Product: {product}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="203"/>
        <source>Microsoft Entra ID removals:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="207"/>
        <source>No Microsoft Entra ID removals in this cleanup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="189"/>
        <location filename="../../app/ui/window_dialogs.py" line="190"/>
        <location filename="../../app/ui/window_dialogs.py" line="262"/>
        <location filename="../../app/ui/window_dialogs.py" line="282"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="199"/>
        <source>Users never affected by any cleanup (one email address per line):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="202"/>
        <source>Protected users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="207"/>
        <source>Members of these groups are never affected:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="209"/>
        <location filename="../../app/ui/window_dialogs.py" line="229"/>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="209"/>
        <location filename="../../app/ui/window_dialogs.py" line="229"/>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="209"/>
        <source>Protected groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="218"/>
        <source>Protected users and groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="223"/>
        <source>Licensing groups grant access to a product (for example jira-software-users). They are offered as targets in New cleanup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="229"/>
        <location filename="../../app/ui/window_dialogs.py" line="235"/>
        <source>Licensing groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="237"/>
        <source>Import users first; the groups come from the import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="263"/>
        <source>These protected users are not email addresses: {users}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="94"/>
        <source>Welcome to {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="98"/>
        <source>Find Jira and Confluence users who have been inactive for too long, review them, and produce the files to remove them from Microsoft Entra ID groups.

Start with the users export of your Atlassian organisation (admin.atlassian.com → Directory → Users → Export users), or look around in a demo workspace first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="110"/>
        <source>Import users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="112"/>
        <source>Import users from a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="115"/>
        <source>Open demo workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="117"/>
        <source>Open a demo workspace with sample users and cleanups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="121"/>
        <source>You can also drop a CSV file anywhere on this window.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemplateCombo</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="92"/>
        <source>Current (header row only)</source>
        <extracomment>Item data role holding a row&apos;s key (the group name) in a :class:`CheckList`.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="95"/>
        <source>Legacy (version:v1.0 row before the header)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="98"/>
        <source>Template variant</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkerProgressDialog</name>
    <message>
        <location filename="../../app/ui/worker.py" line="317"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/worker.py" line="334"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_UsersPage</name>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="81"/>
        <source>Every affected (user, group) row of this cleanup as a CSV file (UTF-8, opens in Excel): email, display name, group, action, UPN, skip reason, last seen and days inactive.</source>
        <extracomment>QSettings key (under ``folders/``) of the remembered destination folder.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="85"/>
        <source>Save CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="88"/>
        <source>Every affected (user, group) row of this cleanup as a JSON array, for scripts and other tools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="91"/>
        <source>Save JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="105"/>
        <source>Saved file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="114"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="114"/>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="116"/>
        <source>Save affected users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="132"/>
        <source>Saving %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="136"/>
        <source>Saved %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="141"/>
        <source>Export data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <location filename="../../app/ui/application.py" line="174"/>
        <source>Workspace cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="177"/>
        <source>Keep it aside and start fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="178"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="188"/>
        <source>The damaged file was kept as {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
