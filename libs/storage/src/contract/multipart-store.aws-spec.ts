import { describeMultipartStore } from './multipart-store.contract';
import { s3MultipartTarget } from './multipart-store-targets';
import { awsS3Target } from './s3-targets';

describeMultipartStore('S3MultipartStore on AWS (CONTRACT_BUCKET)', s3MultipartTarget(awsS3Target));
