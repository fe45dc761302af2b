// Styles shared by several elements: buttons, text fields, visually hidden text.
import { css } from 'lit'

export const controls = css`
  *, *::before, *::after { box-sizing: border-box; }
  :host { font: inherit; color: inherit; }
  button {
    font: inherit; font-size: 14px; font-weight: 600; cursor: pointer;
    border: 1px solid transparent; border-radius: 8px; padding: 8px 14px;
    background: var(--lu-accent); color: var(--lu-accent-text);
    transition: background 120ms ease, border-color 120ms ease;
  }
  button:hover { background: var(--lu-accent-strong); }
  button:disabled { opacity: 0.55; cursor: default; }
  button.ghost { background: transparent; color: inherit; border-color: var(--lu-border); }
  button.ghost:hover { background: var(--lu-bg-hover); }
  button.icon { padding: 6px 8px; background: transparent; color: var(--lu-text-muted); border: 0; }
  button.icon:hover { background: var(--lu-bg-hover); color: var(--lu-text); }
  :focus-visible { outline: 2px solid var(--lu-accent); outline-offset: 2px; }
  input[type=text], textarea {
    font: inherit; color: var(--lu-text); background: var(--lu-bg);
    border: 1px solid var(--lu-border); border-radius: 8px; padding: 9px 12px; width: 100%;
  }
  input[type=text]:focus, textarea:focus { outline: none; border-color: var(--lu-accent); box-shadow: 0 0 0 3px var(--lu-accent-soft); }
  .sr-only {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .error { color: var(--lu-danger); font-size: 13px; }
`
