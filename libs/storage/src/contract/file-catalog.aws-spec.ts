import { describeFileCatalogContract } from './file-catalog.contract';
import { awsDynamoDbTarget } from './dynamodb-targets';
import { dynamoDbCatalogs } from './port-bindings';

describeFileCatalogContract('DynamoDbFileCatalog on AWS', dynamoDbCatalogs(awsDynamoDbTarget));
