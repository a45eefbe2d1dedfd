@echo off
rem The `vigil` command of the Windows app: <install folder>\resources\bin\vigil.cmd, on the
rem PATH through the installer (build/installer.nsh). It runs the app binary itself, which
rem runs the command line when given CLI arguments (main/app/launch-mode.ts). A batch file
rem waits for the app (a GUI program) to finish and passes its exit status on.
setlocal
"%~dp0..\..\Vigil.exe" %*
exit /b %ERRORLEVEL%
