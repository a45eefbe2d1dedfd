/** The Electron main entry (out/main/index.js): locate the built pieces and start. */
import * as path from 'node:path';
import { app } from 'electron';
import { startApp } from './start';

// The bundle is CommonJS, so __dirname is out/main; its siblings are the renderer and preload builds.
startApp({
  rendererDir: path.join(__dirname, '../renderer'),
  preloadPath: path.join(__dirname, '../preload/index.js'),
  isDev: !app.isPackaged,
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
});
