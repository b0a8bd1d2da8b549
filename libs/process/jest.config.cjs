module.exports = {
  displayName: 'process',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/process',
};
