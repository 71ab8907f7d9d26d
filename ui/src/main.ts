import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { followSystem } from './lib/i18n';
import { pageTheme } from './lib/theme';

// The chosen theme goes on <html> before anything renders, so the app never
// shows the other theme first (the CSP allows no inline script in index.html).
pageTheme();
// Until someone signs in, the console speaks the system's language (and sets
// <html lang>); a German system's texts are fetched before the first render.
await followSystem();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });
