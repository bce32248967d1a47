// Ink imports react-devtools-core only when DEV=true; the bundle never enables it (research B1).
export default { initialize() {}, connectToDevTools() {} };
