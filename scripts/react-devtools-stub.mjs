// Ink imports react-devtools-core only when DEV=true; the bundle never enables it (ARCHITECTURE.md, Traps).
export default { initialize() {}, connectToDevTools() {} };
