module.exports = () => require('./temp-outdirs.cjs').setup();
