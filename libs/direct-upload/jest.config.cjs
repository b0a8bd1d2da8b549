module.exports = {
  displayName: 'direct-upload',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/direct-upload',
};
