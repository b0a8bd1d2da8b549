// The local cloud that the bench and the webapp's specs drive: the balancer, the Auto Scaling group, the sign-in
// stand-ins and the embedded S3 and DynamoDB. Its programs (cluster, control, backends) are this project's targets.
export { createAlbTokenSigner, paddedBase64Url } from './alb-auth/alb-token-signer';
export { startAlbKeyServer, type AlbKeyServer } from './alb-auth/alb-key-server';
export { createCognitoTokenSigner } from './alb-auth/cognito-token-signer';
export { startCognitoJwksServer, type CognitoJwksServer } from './alb-auth/cognito-jwks-server';
export { startLocalAuthenticator, type LocalAuthenticator } from './alb-auth/local-authenticate';
export { startCluster } from './cluster/cluster';
export { refreshInstances } from './cluster/instance-refresh';
export { createLoadBalancer, type LoadBalancer } from './cluster/load-balancer';
export { startLocalBackends } from './embedded-backends';
