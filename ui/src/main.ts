import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { pageTheme } from './lib/theme';

// The chosen theme goes on <html> before anything renders, so the app never
// shows the other theme first (the CSP allows no inline script in index.html).
pageTheme();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });
