; Account Desk: register the app's URL scheme when the NSIS installer runs, and remove it on uninstall.
;
; SHCTX is HKLM for a per-machine install and HKCU for a per-user one (electron-builder sets the shell context
; before these macros run). The scheme comes from branding.json: electron-builder.config.ts puts it in the
; ACCOUNT_DESK_SCHEME environment variable, which makensis reads at compile time. If it is missing, makensis
; warns and electron-builder (warnings are errors) stops the build.
;
; The command carries "--" before the link, so a link can never be read as a Chromium or Electron switch.
; The app also registers itself for the current user on start (app.setAsDefaultProtocolClient).

!define ACCOUNT_DESK_SCHEME "$%ACCOUNT_DESK_SCHEME%"

!macro customInstall
  DeleteRegKey SHCTX "Software\Classes\${ACCOUNT_DESK_SCHEME}"
  WriteRegStr SHCTX "Software\Classes\${ACCOUNT_DESK_SCHEME}" "" "URL:${PRODUCT_NAME} link"
  WriteRegStr SHCTX "Software\Classes\${ACCOUNT_DESK_SCHEME}" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\${ACCOUNT_DESK_SCHEME}\DefaultIcon" "" "$\"$appExe$\",0"
  WriteRegStr SHCTX "Software\Classes\${ACCOUNT_DESK_SCHEME}\shell\open\command" "" "$\"$appExe$\" -- $\"%1$\""
!macroend

!macro customUnInstall
  DeleteRegKey SHCTX "Software\Classes\${ACCOUNT_DESK_SCHEME}"
!macroend
