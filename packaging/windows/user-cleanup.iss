; Inno Setup 6 script for User Cleanup: wraps the PyInstaller one-folder bundle
; in an installer with a Start-menu entry and an uninstaller.
; Run through `python packaging/build.py`, which passes the defines below, e.g.
;   ISCC /DAppVersion=1.0.0 /DAppName="User Cleanup" /DAppId=user-cleanup
;        /DSourceDir=dist\user-cleanup /DIconFile=resources\icons\user-cleanup.ico
;        /Odist packaging\windows\user-cleanup.iss
; The version comes only from app/__init__.py (via build.py).

#ifndef AppVersion
  #error AppVersion must be defined: run python packaging/build.py
#endif
#ifndef AppName
  #define AppName "User Cleanup"
#endif
#ifndef AppId
  #define AppId "user-cleanup"
#endif
#ifndef SourceDir
  #define SourceDir AddBackslash("..\..\dist") + AppId
#endif
#ifndef IconFile
  #define IconFile AddBackslash("..\..\resources\icons") + AppId + ".ico"
#endif
#define AppExe AppId + ".exe"

[Setup]
; A fixed GUID: upgrades and the uninstaller recognise every version as the same app.
AppId={{5C6F7A9E-3B1D-4E8A-9F2C-7D4B1A6E0C53}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Needs Inno Setup 6.3 or newer (x64compatible).
; Per-user install by default (no admin rights needed); admins may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename={#AppId}-{#AppVersion}-windows-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

