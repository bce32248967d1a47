import { createEmphasize } from 'emphasize';
import bash from 'highlight.js/lib/languages/bash';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';

/**
 * Syntax highlighting for the languages the lessons use, through emphasize (highlight.js
 * grammars → ANSI). Only these grammars are registered: the full set costs ~90 ms to load.
 */
const emphasize = createEmphasize({ bash, go, ini, javascript, json, python, typescript, yaml });

const ALIASES: Record<string, string> = {
  sh: 'bash',
  shell: 'bash',
  console: 'bash',
  zsh: 'bash',
  bash: 'bash',
  py: 'python',
  python: 'python',
  js: 'javascript',
  node: 'javascript',
  javascript: 'javascript',
  mjs: 'javascript',
  ts: 'typescript',
  typescript: 'typescript',
  go: 'go',
  golang: 'go',
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  ini: 'ini',
  env: 'ini',
  dotenv: 'ini',
  toml: 'ini',
};

/** The language name from a fence info string ("python runnable" → python), or undefined. */
export function fenceLanguage(info: string | undefined): string | undefined {
  const first = info?.trim().split(/\s+/)[0]?.toLowerCase();
  return first ? ALIASES[first] : undefined;
}

/** Highlighted code, or the code unchanged when the language is unknown or highlighting fails. */
export function highlightCode(code: string, info: string | undefined): string {
  const language = fenceLanguage(info);
  if (!language) return code;
  try {
    return emphasize.highlight(language, code).value;
  } catch {
    return code;
  }
}
