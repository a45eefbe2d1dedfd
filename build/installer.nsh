; Included by electron-builder's NSIS installer and uninstaller (nsis.include in
; electron-builder.yml). Puts <install folder>\resources\bin, which holds vigil.cmd,
; on the PATH so `vigil` works in a new terminal, and takes it off on uninstall.
; The PATH of the install mode chosen (per user: HKCU\Environment; for all users:
; the machine's), as electron-builder's $installMode says.
;
; Why by hand: NSIS's string variables hold NSIS_MAX_STRLEN characters, and a longer
; PATH read into one comes back cut short; writing that back would destroy the
; person's PATH. So a PATH that may not have fit is left alone, with a note in the log.
; electron-builder compiles with warnings as errors, and the installer and the
; uninstaller are separate builds: each defines only the function it calls.

!include LogicLib.nsh
!include WinMessages.nsh

!define VIGIL_BIN_DIR "$INSTDIR\resources\bin"
!define VIGIL_ENV_MACHINE "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"

; $R0 = PATH, $R1 = a folder: $R0 becomes PATH without every entry equal to the folder
; (compared without case, as Windows does, with or without a trailing backslash).
!macro VIGIL_PATH_WITHOUT_FUNCTION PREFIX
Function ${PREFIX}vigilPathWithout
  Push $R2
  Push $R3
  Push $R4
  Push $R5
  StrCpy $R2 $R0
  StrCpy $R5 ""
  next_entry:
    StrCmp $R2 "" done
    StrCpy $R3 ""
  scan:
    StrCpy $R4 $R2 1
    StrCpy $R2 $R2 "" 1
    StrCmp $R4 ";" entry_end
    StrCpy $R3 "$R3$R4"
    StrCmp $R2 "" entry_end scan
  entry_end:
    StrCmp $R3 "" next_entry
    StrCmp $R3 $R1 next_entry
    StrCmp $R3 "$R1\" next_entry
    StrCmp $R5 "" 0 +3
    StrCpy $R5 $R3
    Goto next_entry
    StrCpy $R5 "$R5;$R3"
    Goto next_entry
  done:
  StrCpy $R0 $R5
  Pop $R5
  Pop $R4
  Pop $R3
  Pop $R2
FunctionEnd
!macroend

; Reads the PATH of the install mode into $R0; $R2 = "1" when it may have been cut short.
!macro VIGIL_READ_PATH
  ${if} $installMode == "all"
    ReadRegStr $R0 HKLM "${VIGIL_ENV_MACHINE}" "Path"
  ${else}
    ReadRegStr $R0 HKCU "Environment" "Path"
  ${endif}
  StrLen $R3 $R0
  IntOp $R4 ${NSIS_MAX_STRLEN} - 2
  StrCpy $R2 "0"
  ${if} $R3 >= $R4
    StrCpy $R2 "1"
  ${endif}
!macroend

; Writes $R0 as the PATH of the install mode and tells running programs (Explorer) it changed.
!macro VIGIL_WRITE_PATH
  ${if} $installMode == "all"
    WriteRegExpandStr HKLM "${VIGIL_ENV_MACHINE}" "Path" $R0
  ${else}
    WriteRegExpandStr HKCU "Environment" "Path" $R0
  ${endif}
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
!macroend

; The installer's own code around the custom macros may hold values in these registers.
!macro VIGIL_SAVE_REGISTERS
  Push $R0
  Push $R1
  Push $R2
  Push $R3
  Push $R4
!macroend
!macro VIGIL_RESTORE_REGISTERS
  Pop $R4
  Pop $R3
  Pop $R2
  Pop $R1
  Pop $R0
!macroend

!ifndef BUILD_UNINSTALLER
  !insertmacro VIGIL_PATH_WITHOUT_FUNCTION ""

  !macro customInstall
    !insertmacro VIGIL_SAVE_REGISTERS
    !insertmacro VIGIL_READ_PATH
    StrCpy $R1 "${VIGIL_BIN_DIR}"
    ${if} $R2 == "1"
      DetailPrint "The PATH is too long to change safely; add $R1 to it by hand to use the vigil command."
    ${else}
      Call vigilPathWithout
      ${if} $R0 == ""
        StrCpy $R0 $R1
      ${else}
        StrCpy $R0 "$R0;$R1"
      ${endif}
      !insertmacro VIGIL_WRITE_PATH
    ${endif}
    !insertmacro VIGIL_RESTORE_REGISTERS
  !macroend
!else
  !insertmacro VIGIL_PATH_WITHOUT_FUNCTION "un."

  !macro customUnInstall
    !insertmacro VIGIL_SAVE_REGISTERS
    !insertmacro VIGIL_READ_PATH
    StrCpy $R1 "${VIGIL_BIN_DIR}"
    ${if} $R2 == "1"
      DetailPrint "The PATH is too long to change safely; remove $R1 from it by hand."
    ${else}
      Call un.vigilPathWithout
      !insertmacro VIGIL_WRITE_PATH
    ${endif}
    !insertmacro VIGIL_RESTORE_REGISTERS
  !macroend
!endif
