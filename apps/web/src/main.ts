// Entry point of the back office bundle: page-wide styles and the <gie-app> shell.
// Everything else is reached from the shell.
import './app/global.css';
import './app/app-shell.ts';
