module.exports = () => require('./temp-outdirs.cjs').teardown();
