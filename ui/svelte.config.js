/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  compilerOptions: {
    // Svelte 5 runes everywhere; no legacy reactivity.
    runes: true,
  },
};
